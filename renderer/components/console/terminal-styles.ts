/**
 * xterm.js 6's DOM renderer writes its CSS (font, colours, `white-space: pre`, the cursor, the
 * scrollbar) into `<style>` elements it appends inside the terminal. The app's CSP (`style-src
 * 'self'`) refuses inline style elements, even empty ones: the terminal would render without
 * them, and each would be a CSP violation. Once installed, a `<style>` appended inside a terminal
 * (`.xterm`, `.xterm-screen`) is kept out of the document, and the text xterm gives it goes to
 * a constructed stylesheet (`document.adoptedStyleSheets`), which the CSP does not govern. That
 * text is xterm's own CSS, built from the options the Console gives it, never from log data;
 * every other element and `<style>` is left alone.
 */
const sheets = new Map<HTMLStyleElement, CSSStyleSheet>();
const detached = new WeakSet<HTMLStyleElement>();
let installed = false;

function insideTerminal(node: Node): boolean {
  return node instanceof Element && node.closest('.xterm, .xterm-screen') !== null;
}

export function installTerminalStyles(doc: Document = document): void {
  if (installed) return;
  installed = true;
  const text = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent');
  if (!text?.get || !text.set) throw new Error('this browser has no Node.textContent accessor to route xterm styles');
  // The DOM's own functions, called below with the node as `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { get, set } = text;
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const appendChild = Node.prototype.appendChild;

  Node.prototype.appendChild = function <T extends Node>(this: Node, child: T): T {
    if (child instanceof HTMLStyleElement && insideTerminal(this)) {
      detached.add(child);
      return child;
    }
    return appendChild.call(this, child) as T;
  };
  Object.defineProperty(HTMLStyleElement.prototype, 'textContent', {
    configurable: true,
    enumerable: true,
    get(this: HTMLStyleElement): string | null {
      const sheet = sheets.get(this);
      return sheet ? Array.from(sheet.cssRules).map((r) => r.cssText).join('\n') : (get.call(this) as string | null);
    },
    set(this: HTMLStyleElement, value: string | null) {
      if (!detached.has(this)) {
        set.call(this, value);
        return;
      }
      let sheet = sheets.get(this);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheets.set(this, sheet);
        doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      }
      sheet.replaceSync(value ?? '');
    },
  });
}

/** Drops the stylesheets of every terminal (call once its terminal is disposed). */
export function releaseTerminalStyles(doc: Document = document): void {
  const gone = new Set(sheets.values());
  sheets.clear();
  if (gone.size) doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => !gone.has(s));
}
