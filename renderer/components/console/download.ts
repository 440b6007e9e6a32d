/**
 * Offers text as a downloaded file: the renderer never writes to disk itself; the browser (or
 * Electron's download handling) saves it where its user chose.
 */
export function downloadText(name: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; the URL is freed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
