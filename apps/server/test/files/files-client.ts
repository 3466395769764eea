/** Multipart uploads for the files tests: fetch + FormData + Blob, as a browser sends them. */
export interface UploadPart {
  name: string;
  bytes: Uint8Array;
  /** The part's Content-Type; the browser's guess from the name when omitted. */
  type?: string;
}

export interface UploadForm {
  category?: string;
  note?: string;
  files: UploadPart[];
}

/** A file as the API returns it (src/files/file-attachment.ts), dates as JSON strings. */
export interface FileView {
  id: string;
  object: string;
  recordId: string;
  field: string;
  category: string | null;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  note: string | null;
  uploadedBy: string | null;
  uploadedAt: string;
  href: string;
}

/** A 201 (`items`) or a problem (`errors`, `type`). */
export interface UploadBody {
  items: FileView[];
  type: string;
  errors: Array<{ path: string; code: string; message: string }>;
}

export async function upload(baseUrl: string, token: string, path: string, form: UploadForm): Promise<{ status: number; body: UploadBody; headers: Headers }> {
  const data = new FormData();
  if (form.category !== undefined) data.append('category', form.category);
  if (form.note !== undefined) data.append('note', form.note);
  for (const f of form.files) data.append('file', new Blob([f.bytes], { type: f.type ?? '' }), f.name);
  const res = await fetch(baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: data });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

export async function download(baseUrl: string, token: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const res = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

/** Bytes that start with a format's signature, then `size` bytes in all of pseudo-random filler. */
export function bytesOf(kind: 'pdf' | 'png' | 'jpeg' | 'zip' | 'exe' | 'text', size = 2048, seed = 1): Uint8Array {
  const heads: Record<string, number[]> = {
    pdf: [...Buffer.from('%PDF-1.7\n')],
    png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    jpeg: [0xff, 0xd8, 0xff, 0xe0],
    zip: [0x50, 0x4b, 0x03, 0x04],
    exe: [...Buffer.from('MZ'), 0x90, 0x00],
    text: [...Buffer.from('plain notes\n')],
  };
  const out = new Uint8Array(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = kind === 'text' ? 97 + ((x >>> 16) % 26) : (x >>> 16) & 0xff;
  }
  out.set(heads[kind].slice(0, size));
  return out;
}
