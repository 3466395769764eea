import { readSession } from '../auth/session';
import { ApiError, type Problem } from '../api/problem';

/**
 * Uploads one file to a record's attachment field with its category, reporting progress.
 * XMLHttpRequest because fetch cannot report upload progress.
 */
export function uploadFile(object: string, recordId: string, field: string, file: File, category: string | undefined, onProgress: (percent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    if (category) body.append('category', category);
    body.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/objects/${object}/records/${recordId}/files/${field}`);
    const session = readSession();
    if (session) xhr.setRequestHeader('Authorization', `Bearer ${session.accessToken}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      if (xhr.status < 300) return resolve();
      let problem: Problem = {};
      try {
        problem = JSON.parse(xhr.responseText) as Problem;
      } catch {
        // not JSON: keep the status only
      }
      reject(new ApiError(xhr.status, problem));
    };
    xhr.onerror = () => reject(new Error('network error'));
    xhr.send(body);
  });
}
