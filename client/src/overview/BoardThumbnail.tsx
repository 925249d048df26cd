import { contentBounds, fitLabel, type ThumbnailBox } from './thumbnailShapes.ts'

export interface BoardThumbnailProps {
  title: string
  boxes: readonly ThumbnailBox[]
}

/** A miniature of a board: frames as outlines with their names, notes and shapes as coloured boxes. */
export function BoardThumbnail({ title, boxes }: BoardThumbnailProps) {
  const view = contentBounds(boxes)
  const stroke = view.w / 300
  const fontSize = view.w / 40
  return (
    <svg
      className="board-thumbnail"
      viewBox={`${view.x} ${view.y} ${view.w} ${view.h}`}
      preserveAspectRatio="xMidYMid meet"
      role="img"
      aria-label={title}
      data-testid="board-thumbnail"
      data-shapes={boxes.length}
    >
      {boxes.map((box) =>
        box.kind === 'frame' ? (
          <g key={box.id}>
            <rect x={box.x} y={box.y} width={box.w} height={box.h} fill="#ffffff" stroke="#495057" strokeWidth={stroke} />
            <text x={box.x} y={box.y - stroke * 4} fontSize={fontSize} fill="#495057">
              {fitLabel(box.label, box.w, fontSize)}
            </text>
          </g>
        ) : (
          <rect
            key={box.id}
            x={box.x}
            y={box.y}
            width={box.w}
            height={box.h}
            rx={stroke * 2}
            fill={box.kind === 'note' || box.kind === 'image' ? box.color : 'none'}
            fillOpacity={box.kind === 'image' ? 0.3 : 0.85}
            stroke={box.color}
            strokeWidth={stroke}
          />
        ),
      )}
    </svg>
  )
}
