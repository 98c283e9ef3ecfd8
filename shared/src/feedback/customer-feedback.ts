// One customer's feedback as the card shows it: the latest survey answers and the open complaints.
// Workspace statistics (NPS over time, complaint categories) live with the dashboards, not here.
import type { Feedback } from '../schemas/feedback';

type FeedbackFacts = Pick<Feedback, 'kind' | 'occurredAt' | 'status'> &
  Partial<Pick<Feedback, 'scale' | 'score'>> & { deletedAt?: number | null };

export interface LatestAnswers {
  csat: { score: number; at: number } | null;
  nps: { score: number; at: number } | null;
}

const live = (f: FeedbackFacts) => f.deletedAt === undefined || f.deletedAt === null;

/**
 * The customer's latest CSAT (1-5) and latest NPS (0-10) answer, each with its time; null when
 * never asked. Answers after `now` (mistyped dates) are ignored.
 */
export function latestAnswers(feedback: readonly FeedbackFacts[], now: number): LatestAnswers {
  const out: LatestAnswers = { csat: null, nps: null };
  for (const f of feedback) {
    if (!live(f) || f.occurredAt > now || !f.scale || typeof f.score !== 'number') continue;
    const current = out[f.scale];
    if (!current || f.occurredAt >= current.at) out[f.scale] = { score: f.score, at: f.occurredAt };
  }
  return out;
}

/** An NPS answer's group: 9-10 promoter, 7-8 passive, 0-6 detractor (Reichheld's bands). */
export function npsGroup(score: number): 'promoter' | 'passive' | 'detractor' {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

/** Open complaints of the customer (live, not resolved), oldest first. */
export function openComplaints<F extends FeedbackFacts>(feedback: readonly F[]): F[] {
  return feedback
    .filter((f) => live(f) && f.kind === 'complaint' && f.status === 'open')
    .sort((a, b) => a.occurredAt - b.occurredAt);
}
