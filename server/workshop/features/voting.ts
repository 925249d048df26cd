import type { VoteState, WorkshopState } from '../../../shared/workshop/index.ts'
import { newId } from '../../ids.ts'
import type { EventStore } from '../../storage/EventStore.ts'
import type { VoteStore } from '../../storage/VoteStore.ts'
import { assertBoardOfEvent } from '../boardOfEvent.ts'
import { WorkshopRefusal } from '../WorkshopRefusal.ts'
import type { WorkshopFeature } from '../WorkshopFeature.ts'

export interface VotingDeps {
  events: EventStore
  votes: VoteStore
}

function requireVote(state: WorkshopState): VoteState {
  if (!state.vote) throw new WorkshopRefusal('conflict', 'there is no vote')
  return state.vote
}

function requireOpenVote(state: WorkshopState): VoteState {
  const vote = requireVote(state)
  if (vote.status !== 'open') throw new WorkshopRefusal('conflict', 'the vote is closed')
  return vote
}

/** Dot voting on a board's notes: each person's dots are private until the facilitator reveals the counts. */
export function votingFeature({ events, votes }: VotingDeps): WorkshopFeature {
  return {
    name: 'voting',
    slices: { vote: null },
    commands: {
      'vote:open': async ({ boardId, dotsPerPerson, anonymous }, { workshop }) => {
        await assertBoardOfEvent(events, workshop.state.eventId, boardId)
        if (workshop.state.vote?.status === 'open') throw new WorkshopRefusal('conflict', 'a vote is already open; close it first')
        await workshop.commit({ vote: { id: newId(), boardId, dotsPerPerson, anonymous, status: 'open', results: {}, voters: null } })
      },
      'vote:close': async (_payload, { workshop }) => {
        const vote = requireVote(workshop.state)
        if (vote.status !== 'open') throw new WorkshopRefusal('conflict', 'the vote is not open')
        await workshop.commit({ vote: { ...vote, status: 'closed' } })
      },
      // Revealing ends the vote: counts per shape, and who voted where unless the vote is anonymous.
      'vote:reveal': async (_payload, { workshop }) => {
        const vote = requireVote(workshop.state)
        const results: Record<string, number> = {}
        const voters: Record<string, string[]> = {}
        for (const dot of await votes.allDots(vote.id)) {
          results[dot.shapeId] = (results[dot.shapeId] ?? 0) + 1
          const names = (voters[dot.shapeId] ??= [])
          const name = dot.personName ?? '?'
          if (!names.includes(name)) names.push(name)
        }
        await votes.storeRevealedVote(vote.boardId, vote.id, results)
        await workshop.commit({ vote: { ...vote, status: 'revealed', results, voters: vote.anonymous ? null : voters } })
      },
      'vote:place': async ({ shapeId }, { workshop, sender, connection, channel }) => {
        const vote = requireOpenVote(workshop.state)
        const dot = { personId: sender.personId, personName: connection.profile?.name ?? null, shapeId }
        const mine = await votes.placeDot(vote.id, vote.boardId, dot, vote.dotsPerPerson)
        if (!mine) throw new WorkshopRefusal('conflict', `all ${vote.dotsPerPerson} dots are placed; remove one first`)
        channel.sendVote(sender.personId, { voteId: vote.id, shapeIds: mine })
      },
      'vote:remove': async ({ shapeId }, { workshop, sender, channel }) => {
        const vote = requireOpenVote(workshop.state)
        channel.sendVote(sender.personId, { voteId: vote.id, shapeIds: await votes.removeDot(vote.id, sender.personId, shapeId) })
      },
    },
    onJoin: async (sender, state, channel) => {
      if (state.vote) channel.sendVote(sender.personId, { voteId: state.vote.id, shapeIds: await votes.dotsOf(state.vote.id, sender.personId) })
    },
  }
}
