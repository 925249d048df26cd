import { publicProfile } from '../../shared/profileCard.ts'
import type { CommandName, Reaction } from '../../shared/session.ts'
import { BreakoutControl } from '../breakouts/BreakoutControl.ts'
import { PitchControl } from '../speedDating/PitchControl.ts'
import { SpeedDatingControl } from '../speedDating/SpeedDatingControl.ts'
import { SessionRefusal, type EventSession } from './EventSession.ts'
import type { SessionSocketsDeps } from './SessionSockets.ts'
import { eventRoom, voterRoom, type CommandHandler, type SessionServer, type SessionSocket } from './sessionTypes.ts'

const REACTIONS_PER_WINDOW = 5
const REACTION_WINDOW_MS = 10_000

export interface HandlerServices {
  io: SessionServer
  deps: SessionSocketsDeps
  broadcastRoster(eventId: string): void
  presentParticipants(eventId: string): string[]
}

/** What each command does once it is parsed and its sender's role is checked. */
export function createCommandHandlers({ io, deps, broadcastRoster, presentParticipants }: HandlerServices): { [C in CommandName]: CommandHandler<C> } {
  const speedDating = (session: EventSession) => new SpeedDatingControl(session, deps.speedDating)
  const pitches = (session: EventSession) => new PitchControl(session, deps.pitch)
  const breakouts = (session: EventSession) => new BreakoutControl(session, deps.breakouts)

  function sendReaction(socket: SessionSocket, reaction: Reaction): void {
    const now = Date.now()
    const recent = socket.data.reactionTimes.filter((at) => at > now - REACTION_WINDOW_MS)
    if (recent.length >= REACTIONS_PER_WINDOW) throw new SessionRefusal('rate_limited', 'slow down: a few reactions every ten seconds')
    recent.push(now)
    socket.data.reactionTimes = recent
    const showNames = socket.data.session.snapshot.showReactionNames
    io.to(eventRoom(socket.data.eventId)).emit('reaction', {
      reaction,
      name: showNames ? (socket.data.profile?.name ?? null) : null,
      side: socket.data.profile?.side ?? null,
      at: now,
    })
  }


  return {
    'phase:set': (data, { session }) => session.setPhase(data),
    'phase:step': (data, { session }) => session.stepPhase(data),
    'timer:start': (data, { session }) => session.startTimer(data),
    'timer:pause': (_data, { session }) => session.pauseTimer(),
    'timer:resume': (_data, { session }) => session.resumeTimer(),
    'timer:add': (data, { session }) => session.addToTimer(data),
    'timer:stop': (_data, { session }) => session.stopTimer(),
    'spotlight:start': (data, { session }) => session.startSpotlight(data),
    'spotlight:end': (_data, { session }) => session.endSpotlight(),
    'board:lock': (data, { session }) => session.lockBoard(data),
    'board:unlock': (data, { session }) => session.unlockBoard(data),
    'vote:open': (data, { session }) => session.openVote(data),
    'vote:close': (_data, { session }) => session.closeVote(),
    'vote:reveal': (_data, { session }) => session.revealVote(),
    'vote:place': (data, { session, actor }) => session.placeDot(data, actor),
    'vote:remove': (data, { session, actor }) => session.removeDot(data, actor),
    'reactions:names': (data, { session }) => session.showReactionNames(data),
    'reaction:send': (data, { socket }) => sendReaction(socket, data.reaction),
    'hand:set': (data, { socket }) => {
      socket.data.handRaised = data.raised
      broadcastRoster(socket.data.eventId)
    },
    'profile:save': async (data, { socket, session }) => {
      const { eventId, voterId } = socket.data
      await deps.sessions.storeProfile(eventId, voterId, data.card)
      socket.data.profile = { name: data.card.name, side: data.card.side, color: socket.data.profile?.color ?? '#4263eb' }
      await session.patch({ directory: { ...session.snapshot.directory, [voterId]: publicProfile(data.card) } })
      broadcastRoster(eventId)
    },
    'speed:configure': (data, { session }) => speedDating(session).configure(data),
    'speed:next': (_data, { socket, session }) => speedDating(session).nextRound(presentParticipants(socket.data.eventId)),
    'speed:swap': async (data, { session }) => {
      await speedDating(session).swap(data.a, data.b)
    },
    'speed:end': (_data, { session }) => speedDating(session).end(),
    'match:mark': async (data, { socket, session }) => {
      const control = speedDating(session)
      await control.mark(socket.data.voterId, data.otherId, data.want, data.shareContact)
      for (const id of [socket.data.voterId, data.otherId]) {
        io.to(voterRoom(socket.data.eventId, id)).emit('matches:mine', await control.matchesOf(id))
      }
    },
    'pitch:configure': (data, { session }) => pitches(session).configure(data.boardId, data.perPitchMs, data.order),
    'pitch:start': (data, { session }) => pitches(session).start(data.index),
    'pitch:next': (_data, { session }) => pitches(session).next(),
    'pitch:end': (_data, { session }) => pitches(session).end(),
    'breakout:create': (data, { socket, session }) => breakouts(session).create(data, presentParticipants(socket.data.eventId)),
    'breakout:assign': (data, { session }) => breakouts(session).assign(data.participantId, data.group),
    'breakout:choose': (data, { socket, session }) => breakouts(session).choose(socket.data.voterId, data.group),
    'breakout:end': (_data, { session }) => breakouts(session).end(),
    'presence:set': (data, { socket }) => {
      socket.data.profile = data.profile
      socket.data.boardId = data.boardId
      broadcastRoster(socket.data.eventId)
    },
  }

}
