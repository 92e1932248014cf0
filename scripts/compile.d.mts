// Types of compile.mjs (plain JavaScript: npm start runs it without a TypeScript loader).
export declare const WASM_BASE64_IMPORT: RegExp;
/** Compiles src/ unless this exact tree is already compiled; resolves with the compiled main.js's path. */
export declare function compileService(): Promise<string>;
/** Compiles src/ unless this exact tree is already compiled; resolves with the compiled tree's folder. */
export declare function compileSrc(): Promise<string>;
