import './modalDialog.css'
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { createPortal } from 'react-dom'

interface ModalDialogProps {
  /** The id of the dialog's heading, its accessible name. */
  labelledBy: string
  onClose(): void
  children: ReactNode
  testId?: string
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

/**
 * A modal dialog on the browser's own <dialog>: showModal() makes the page
 * behind it inert and puts it above tldraw's layers without z-index games.
 * Tab is wrapped here because the browser lets it leave for its own chrome.
 * It lives in a host element of its own under <body>, so the styles of the
 * panel that opened it do not reach into it.
 */
export function ModalDialog({ labelledBy, onClose, children, testId }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const close = useRef(onClose)
  close.current = onClose
  const [host] = useState(() => document.createElement('div'))

  useEffect(() => {
    document.body.append(host)
    return () => host.remove()
  }, [host])

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const opener = document.activeElement
    dialog.showModal()
    return () => {
      dialog.close()
      if (opener instanceof HTMLElement) opener.focus()
    }
  }, [])

  const handleKeyDown = (event: KeyboardEvent<HTMLDialogElement>): void => {
    // tldraw listens for its shortcuts on document.body: a key pressed in here must not delete or draw on the board behind.
    event.stopPropagation()
    if (event.key !== 'Tab' || !ref.current) return
    const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.offsetParent !== null)
    const first = focusable[0]
    const last = focusable[focusable.length - 1]
    if (!first || !last) return
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return createPortal(
    <dialog
      ref={ref}
      className="modal-dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby={labelledBy}
      data-testid={testId}
      onKeyDown={handleKeyDown}
      onCancel={(event) => {
        // Escape closes through React state, so the dialog is not left closed in the DOM but open in the app.
        event.preventDefault()
        close.current()
      }}
    >
      {children}
    </dialog>,
    host,
  )
}
