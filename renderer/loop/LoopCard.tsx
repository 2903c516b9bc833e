/** One step card of the loop view: number, title, headline and its rows (React renders the SVG). */
import type { ReactElement } from 'react';
import { fitText, textWidth } from './text';
import { CARD, headlineLines, type CardBox } from './layout';
import type { ItemStatus, LoopItem, LoopStep, LoopStepId } from './types';

/** Right edges of the value columns, from the right. */
function columnWidth(count: number): number {
  return count >= 3 ? 58 : count === 2 ? 80 : 120;
}

function columnRights(count: number, cardWidth: number): number[] {
  const right = cardWidth - CARD.padding;
  return Array.from({ length: count }, (_, i) => right - (count - 1 - i) * columnWidth(count));
}

/** Font sizes (px) of the card's text, as set in loop.css (bold text about 12-14% wider). */
export const ROW_FONT_PX = 15.5;
const STATUS_FONT_PX = 14.5;
const NOTE_FONT_PX = 14.5;
const TITLE_FONT_PX = { full: 20 * 1.14, compact: 21 * 1.14 };
const HEADLINE_FONT_PX = { full: 17.5 * 1.12, compact: 18.5 * 1.12 };

/** Width (view-box units) a row label may take beside its marker and cells. */
function labelRoom(
  item: LoopItem,
  columns: number,
  markerWidth: number,
  cardWidth: number,
): number {
  const cellsWidth = isStatusRow(item)
    ? textWidth(item.cells[0]?.text ?? '', STATUS_FONT_PX)
    : columns === 0
      ? textWidth(item.cells.map((c) => c.text).join(' '), ROW_FONT_PX)
      : (columns - firstFilled(item)) * columnWidth(columns) - 14;
  return cardWidth - 2 * CARD.padding - markerWidth - cellsWidth - 12;
}

/** Index of the first cell with text (an empty leading cell leaves room for the label). */
function firstFilled(item: LoopItem): number {
  const i = item.cells.findIndex((c) => c.text !== '');
  return i < 0 ? item.cells.length : i;
}

/** A row that states where an item stands (building, in development...) instead of values. */
function isStatusRow(item: LoopItem): boolean {
  return (
    item.cells.length === 1 &&
    item.status !== null &&
    item.status !== 'live' &&
    item.status !== 'deployed'
  );
}

const MARKER_CLASS: Record<ItemStatus, string> = {
  live: 'fw-loop__marker--on',
  deployed: 'fw-loop__marker--on',
  building: 'fw-loop__marker--work',
  developing: 'fw-loop__marker--work',
  planned: 'fw-loop__marker--off',
  waiting: 'fw-loop__marker--off',
  'not-started': 'fw-loop__marker--off',
};

function StatusMarker({ item }: { item: LoopItem }): ReactElement | null {
  if (item.silos > 0) {
    // Siloed own pipelines: one small separate box per pipeline.
    const state = item.status === 'live' ? 'on' : item.status === 'building' ? 'work' : 'off';
    return (
      <g className={`fw-loop__silos fw-loop__marker--${state}`} aria-hidden="true">
        {Array.from({ length: Math.min(item.silos, 6) }, (_, i) => (
          <rect key={i} x={i * 9} y={-5} width={7} height={10} rx={1} />
        ))}
      </g>
    );
  }
  if (item.status === null) return null;
  return (
    <circle className={`fw-loop__marker ${MARKER_CLASS[item.status]}`} cx={4} cy={0} r={4.5} />
  );
}

function markerWidth(item: LoopItem): number {
  if (item.silos > 0) return Math.min(item.silos, 6) * 9 + 6;
  return item.status === null ? 0 : 15;
}

export interface LoopCardProps {
  step: LoopStep;
  box: CardBox;
  highlighted: boolean;
  dimmed: boolean;
  /** Drawn dashed: a step that has no shared data products behind it. */
  fragmented: boolean;
  onSelect?: ((id: LoopStepId) => void) | undefined;
  /** A compact card: its headline broken into lines. */
  compact?: boolean;
}

export function LoopCard({
  step,
  box,
  highlighted,
  dimmed,
  fragmented,
  onSelect,
  compact = false,
}: LoopCardProps): ReactElement {
  const width = box.width;
  const rights = columnRights(step.columns.length, width);
  const rows: ReactElement[] = [];
  const headlines = headlineLines(step, compact);
  const size = compact ? 'compact' : 'full';
  let y = CARD.padding + CARD.titleHeight + CARD.headlineHeight * headlines.length;
  if (step.columns.length > 0 && step.items.length > 0) {
    y += CARD.columnsHeight;
    step.columns.forEach((c, i) =>
      rows.push(
        <text key={`col-${c}`} className="fw-loop__column" x={rights[i]} y={y - 5} textAnchor="end">
          {c}
        </text>,
      ),
    );
  }
  let previousGroup: string | null = null;
  for (const item of step.items) {
    if (item.group !== null && item.group !== previousGroup) {
      y += CARD.groupHeight;
      rows.push(
        <text key={`group-${item.id}`} className="fw-loop__group" x={CARD.padding} y={y - 5}>
          {item.group}
        </text>,
      );
    }
    previousGroup = item.group;
    y += CARD.rowHeight;
    const baseline = y - 7;
    const marker = markerWidth(item);
    const label = fitText(
      item.label,
      labelRoom(item, step.columns.length, marker, width),
      ROW_FONT_PX,
    );
    const single = isStatusRow(item);
    const rightAligned = step.columns.length === 0;
    rows.push(
      <g key={item.id} className="fw-loop__row">
        <title>{item.description}</title>
        <g transform={`translate(${CARD.padding} ${baseline - 5})`}>
          <StatusMarker item={item} />
        </g>
        <text className="fw-loop__label" x={CARD.padding + marker} y={baseline}>
          {label}
        </text>
        {single ? (
          <text className="fw-loop__status" x={width - CARD.padding} y={baseline} textAnchor="end">
            {item.cells[0]?.text}
          </text>
        ) : (
          item.cells.map((c, i) => (
            <text
              key={i}
              className={`fw-loop__value fw-loop__tone--${c.tone}`}
              x={rightAligned ? width - CARD.padding : (rights[i] ?? width - CARD.padding)}
              y={baseline}
              textAnchor="end"
            >
              {c.text}
            </text>
          ))
        )}
      </g>,
    );
  }
  if (step.note) {
    y += CARD.noteHeight;
    rows.push(
      <text key="note" className="fw-loop__note" x={CARD.padding} y={y - 6}>
        {fitText(step.note, width - 2 * CARD.padding, NOTE_FONT_PX)}
      </text>,
    );
  }
  const classes = [
    'fw-loop__step',
    highlighted ? 'fw-loop__step--highlight' : '',
    dimmed ? 'fw-loop__step--dim' : '',
    fragmented ? 'fw-loop__step--fragmented' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const select = onSelect ? () => onSelect(step.id) : undefined;
  return (
    <g
      className={classes}
      transform={`translate(${box.left.toFixed(1)} ${box.top.toFixed(1)})`}
      tabIndex={0}
      role={onSelect ? 'button' : 'group'}
      aria-roledescription="loop step"
      aria-label={step.description}
      aria-pressed={onSelect ? highlighted : undefined}
      data-step={step.id}
      onClick={select}
      onKeyDown={
        select
          ? (e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                select();
              }
            }
          : undefined
      }
    >
      <rect className="fw-loop__card" width={box.width} height={box.height} rx={12} />
      <text className="fw-loop__title" x={CARD.padding} y={CARD.padding + 19}>
        {fitText(step.title, width - 2 * CARD.padding, TITLE_FONT_PX[size])}
      </text>
      {headlines.map((line, i) => (
        <text
          key={i}
          className={`fw-loop__headline fw-loop__tone--${step.headlineTone}`}
          x={CARD.padding}
          y={CARD.padding + CARD.titleHeight + CARD.headlineHeight * (i + 1) - 8}
        >
          {fitText(line, width - 2 * CARD.padding, HEADLINE_FONT_PX[size])}
        </text>
      ))}
      {rows}
    </g>
  );
}
