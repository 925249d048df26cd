import type { Translate } from '../i18n/useMessages.ts'

/**
 * The projector has a viewer token and cannot create links, so the join
 * code comes from the projector link itself: the console appends `?code=`.
 */
export function joinCodeFromUrl(): string | null {
  const code = new URL(window.location.href).searchParams.get('code')
  return code && /^[A-Z0-9]{4,12}$/i.test(code) ? code.toUpperCase() : null
}

/** While people arrive: where to go and the code to type, big enough for the back row. */
export function JoinCorner({ code, t }: { code: string | null; t: Translate }) {
  if (!code) return null
  return (
    <aside className="projector__join" aria-labelledby="projector-join-title" data-testid="projector-join">
      <h2 id="projector-join-title">{t('projector.joinTitle')}</h2>
      <p className="projector__join-url">{window.location.host}</p>
      <p>{t('projector.joinHint')}</p>
      <p className="projector__join-code" data-testid="projector-join-code">
        {code}
      </p>
    </aside>
  )
}
