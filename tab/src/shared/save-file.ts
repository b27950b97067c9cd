/** Hands a downloaded Blob to the browser as a file with the given name (the server's). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start reading the blob before it goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
