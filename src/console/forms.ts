// Reading what a console form sends: urlencoded fields, or one uploaded file (multipart, the
// roster). Bodies are capped; a body that cannot be read is a 400 with one sentence.
import type Koa from 'koa';
import { readRawBody } from '../http/raw-body.ts';
import { rejectRequest } from '../lib/errors.ts';

const FORM_LIMIT = 64 * 1024;
/** A roster of a few thousand rows is well under this. */
export const UPLOAD_LIMIT = 4 * 1024 * 1024;

export type Form = Record<string, string>;

export async function readForm(ctx: Koa.Context): Promise<Form> {
  if (ctx.state.form) return ctx.state.form as Form;
  const type = ctx.get('content-type');
  let form: Form = {};
  if (type.startsWith('multipart/form-data')) {
    const upload = parseMultipart(await readRawBody(ctx.req, UPLOAD_LIMIT), type);
    form = upload.fields;
    ctx.state.upload = upload.file;
  } else {
    const raw = (await readRawBody(ctx.req, FORM_LIMIT)).toString('utf8');
    // A field sent more than once (ticked boxes of one name) arrives as its values, one a line.
    for (const [k, v] of new URLSearchParams(raw)) form[k] = Object.hasOwn(form, k) ? `${form[k]}\n${v}` : v;
  }
  ctx.state.form = form;
  return form;
}

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export function uploadedFile(ctx: Koa.Context): UploadedFile | undefined {
  return ctx.state.upload as UploadedFile | undefined;
}

/** Multipart with text fields and at most one file: what a browser's <form enctype=multipart/form-data> sends. */
export function parseMultipart(body: Buffer, contentType: string): { fields: Form; file?: UploadedFile } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw rejectRequest('bad_form', 400, 'multipart body without a boundary');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const fields: Form = {};
  let file: UploadedFile | undefined;
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const partStart = start + delimiter.length + 2;
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) break;
    const part = body.subarray(partStart, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const content = part.subarray(headerEnd + 4);
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      if (filename !== undefined) {
        if (filename && content.length) file = { name: filename, bytes: new Uint8Array(content) };
      } else if (name) fields[name] = content.toString('utf8');
    }
    start = next;
  }
  return { fields, file };
}
