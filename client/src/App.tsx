import { useEffect } from 'react'
import type { ClientConfig } from '../../shared/clientConfig.ts'
import { isBoardId } from '../../shared/boardId.ts'
import { BoardPage } from './board/BoardPage.tsx'
import { useMessages } from './i18n/useMessages.ts'

const BOARD_PATH = /^\/b\/([^/]+)\/?$/

export function App({ config, token }: { config: ClientConfig; token: string | null }) {
  const { locale, t } = useMessages()
  // Screen readers pick their voice from the page language.
  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])

  const match = BOARD_PATH.exec(window.location.pathname)
  const boardId = match?.[1] ? decodeURIComponent(match[1]) : null
  if (boardId && isBoardId(boardId)) return <BoardPage boardId={boardId} token={token} config={config} />
  return (
    <main className="notice">
      <h1>{t('board.notFound.title')}</h1>
      <p>{t('board.notFound.body')}</p>
    </main>
  )
}
