/** Whether a key goes to text being typed (a text field, a text area, an editable element), not to the app. */
export function typingInText(target: EventTarget | null): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
  return target instanceof HTMLElement && target.isContentEditable;
}
