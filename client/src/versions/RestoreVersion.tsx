import { useEffect, useRef, useState } from 'react'
import type { MessageKey } from '../i18n/messages.ts'
import type { Translate } from '../i18n/useMessages.ts'
import { versionFailure } from './versionErrors.ts'
import type { VersionsApi } from './versionsApi.ts'

type Step = 'idle' | 'confirm' | 'running'

interface RestoreVersionProps {
  api: VersionsApi
  versionId: string
  onRestored(): void
  t: Translate
}

/**
 * "Wiederherstellen" with a question first: a restore changes the board for
 * everyone at once. Focus goes to "Abbrechen", the harmless answer, and back
 * to the button when the question is gone.
 */
export function RestoreVersion({ api, versionId, onRestored, t }: RestoreVersionProps) {
  const [step, setStep] = useState<Step>('idle')
  const [failure, setFailure] = useState<MessageKey | null>(null)
  const startButton = useRef<HTMLButtonElement>(null)
  const cancelButton = useRef<HTMLButtonElement>(null)
  const asked = useRef(false)

  useEffect(() => {
    if (step === 'confirm') {
      asked.current = true
      cancelButton.current?.focus()
    } else if (step === 'idle' && asked.current) {
      asked.current = false
      startButton.current?.focus()
    }
  }, [step])

  const restore = (): void => {
    setStep('running')
    setFailure(null)
    api.restore(versionId).then(
      () => {
        setStep('idle')
        onRestored()
      },
      (error: unknown) => {
        setStep('idle')
        setFailure(versionFailure('restore', error))
      },
    )
  }

  return (
    <div className="versions__restore">
      {step === 'idle' ? (
        <button ref={startButton} type="button" className="versions__button versions__button--primary" data-testid="version-restore" onClick={() => setStep('confirm')}>
          {t('versions.restore')}
        </button>
      ) : (
        <div className="versions__confirm" role="group" aria-labelledby="version-restore-question">
          <p id="version-restore-question">{t('versions.restore.question')}</p>
          <div className="versions__confirm-row">
            <button type="button" className="versions__button versions__button--primary" disabled={step === 'running'} data-testid="version-restore-confirm" onClick={restore}>
              {step === 'running' ? t('versions.restore.running') : t('versions.restore.confirm')}
            </button>
            <button ref={cancelButton} type="button" className="versions__button" disabled={step === 'running'} onClick={() => setStep('idle')}>
              {t('versions.restore.cancel')}
            </button>
          </div>
        </div>
      )}
      {failure && (
        <p className="versions__failure" role="alert">
          {t(failure)}
        </p>
      )}
    </div>
  )
}
