import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { ApiClient, EventFilter, EventSummary } from '../../../shared/api.js';
import { aroundFilter, aroundLabel, AROUND_MINUTES, samePivots } from './pivots.js';

interface Props {
  client: ApiClient;
  event: EventSummary;
  /** Whether it is starred now (its row may be older than the last change). */
  starred: boolean;
  /** Where to open, in viewport pixels. */
  at: { x: number; y: number };
  onPivot: (filter: EventFilter, event: EventSummary) => void;
  onClose: () => void;
}

interface Item {
  label: string;
  run: (() => void) | null;
}

/**
 * The actions on one event (right click, the Menu key or Shift+F10 on a row): star, and pivots
 * to "±N minutes around this" across every source and host, or the same IP, user or host.
 * A menu (ARIA menu pattern): arrows move, Enter runs, Escape closes.
 */
export function EventActionsMenu({ client, event, starred, at, onPivot, onClose }: Props) {
  const menu = useRef<HTMLDivElement>(null);
  const items: Item[] = [
    { label: starred ? '★ Unstar' : '☆ Star', run: () => void client.call('annotations.star', { eventId: event.id, starred: !starred }).catch(() => undefined) },
    ...AROUND_MINUTES.map((m) => ({ label: `${aroundLabel(m)} around this`, run: event.ts === null ? null : () => onPivot(aroundFilter(event.ts!, m), event) })),
    ...samePivots(event).map((p) => ({ label: p.label, run: p.filter === null ? null : () => onPivot(p.filter!, event) })),
  ];

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role=menuitem]:not([aria-disabled=true])')?.focus();
    const away = (e: MouseEvent): void => {
      if (!menu.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const all = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? []);
    const at = all.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 };
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose();
    } else if (moves[e.key] !== undefined) {
      e.preventDefault();
      all[(moves[e.key]! + all.length) % all.length]?.focus();
    }
  };

  const choose = (item: Item): void => {
    if (!item.run) return;
    item.run();
    onClose();
  };

  return (
    <div ref={menu} role="menu" aria-label={`Actions on event ${event.id}`} className="event-menu" style={{ left: at.x, top: at.y }} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <div
          key={item.label}
          role="menuitem"
          tabIndex={-1}
          aria-disabled={item.run === null}
          className="menu-item"
          onClick={() => choose(item)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              choose(item);
            }
          }}
        >
          {item.label}
        </div>
      ))}
    </div>
  );
}
