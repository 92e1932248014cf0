// Types of compile.mjs (plain JavaScript: npm start runs it without a TypeScript loader).
export declare const WASM_BASE64_IMPORT: RegExp;
/** compileSrc for a command line: the compiled tree's folder, or one line on stderr and exit 1. */
export declare function compiledSrcOrExit(purpose: string): Promise<string>;
/** Compiles src/ unless this exact tree is already compiled; resolves with the compiled tree's folder. */
export declare function compileSrc(): Promise<string>;
