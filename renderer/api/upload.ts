import { ApiReplySchema } from '../../shared/api.js';

export interface UploadHandle {
  /** Resolves with the import's job id once the file is on the host. */
  done: Promise<string>;
  abort(): void;
}

/** Sends one file to `mfw serve` (streamed by the browser, stored in a temp file by the host). */
export function uploadFile(file: File, onProgress: (sentBytes: number, totalBytes: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const token = new URLSearchParams(location.search).get('token');
  const query = new URLSearchParams({ name: file.name });
  if (token) query.set('token', token);
  const done = new Promise<string>((resolve, reject) => {
    xhr.upload.addEventListener('progress', (e) => onProgress(e.loaded, e.total));
    xhr.addEventListener('load', () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        reject(new Error(`the upload was refused (HTTP ${xhr.status})`));
        return;
      }
      const reply = ApiReplySchema.safeParse(body);
      if (!reply.success) reject(new Error(`the upload was refused (HTTP ${xhr.status})`));
      else if (!reply.data.ok) reject(new Error(reply.data.error.message));
      else resolve(String((reply.data.result as { jobId?: unknown }).jobId));
    });
    xhr.addEventListener('error', () => reject(new Error('the upload failed')));
    xhr.addEventListener('abort', () => reject(new Error('upload cancelled')));
  });
  xhr.open('POST', `/api/upload?${query.toString()}`);
  xhr.setRequestHeader('Content-Type', 'application/octet-stream');
  xhr.send(file);
  return { done, abort: () => xhr.abort() };
}
