import { Fragment, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from './markdown.js';

function inline(nodes: readonly Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case 'text': return <Fragment key={i}>{node.text}</Fragment>;
      case 'code': return <code key={i}>{node.text}</code>;
      case 'strong': return <strong key={i}>{inline(node.children)}</strong>;
      case 'em': return <em key={i}>{inline(node.children)}</em>;
      // Shown, not followed: the app loads nothing remote (docs/timeline.md, notes).
      case 'link': return <span key={i} className="md-link">{node.text} <span className="md-url">({node.url})</span></span>;
    }
  });
}

function lines(rows: readonly Inline[][]): ReactNode[] {
  return rows.flatMap((row, i) => (i === 0 ? inline(row) : [<br key={`br${i}`} />, ...inline(row)]));
}

function block(b: Block, i: number): ReactNode {
  switch (b.kind) {
    case 'paragraph': return <p key={i}>{lines(b.lines)}</p>;
    // Notes sit under the screen's own headings: # becomes a level-4 heading.
    case 'heading': {
      const Tag = (['h4', 'h5', 'h6'] as const)[Math.min(2, b.level - 1)]!;
      return <Tag key={i}>{inline(b.content)}</Tag>;
    }
    case 'list': {
      const items = b.items.map((item, k) => <li key={k}>{inline(item)}</li>);
      return b.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
    }
    case 'quote': return <blockquote key={i}>{lines(b.lines)}</blockquote>;
    case 'code': return <pre key={i}><code>{b.text}</code></pre>;
  }
}

/** A note's Markdown as React elements: text nodes only, never HTML from the note (markdown.ts). */
export function MarkdownView({ source }: { source: string }) {
  return <div className="markdown">{parseMarkdown(source).map(block)}</div>;
}
