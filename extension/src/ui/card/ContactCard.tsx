import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { type CardData, cardData } from '../../db/queries/card-queries';
import { Badge, EmptyNote, Section, Skeleton } from '../common/ui-kit';
import { useI18n } from '../i18n-context';
import { ContactInfo } from './ContactInfo';
import { FIRST_TIMELINE_LIMIT, keepPrimedIfSame, primedCard } from './card-prefetch';
import { PurchasesSection } from './PurchasesSection';
import { QuickActions } from './QuickActions';
import { ScoreBadges } from './ScoreBadges';
import { TasksSection } from './TasksSection';
import { HistorySection, TimelineSection } from './TimelineSection';
import { ValueSection } from './ValueSection';

// Complaints, loyalty points and referrals join once the card has painted: their queries need the
// scoring settings' validation and their forms the writers, which the card's first load leaves out.
const UpkeepSections = lazy(() => import('./UpkeepSections').then((m) => ({ default: m.UpkeepSections })));

/** How long the card waits for its primed snapshot before its own live query reads. */
const SNAPSHOT_PATIENCE_MS = 1000;

function initials(name: string): string {
  const trimmed = name.trim();
  if (/^[\u3400-\u9fff]/.test(trimmed)) return trimmed.slice(0, 1);
  return trimmed
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

/** Photo when the contact has one (http/https only, validated), else initials. */
function Avatar({ name, photoUrl }: { name: string; photoUrl?: string }) {
  const [broken, setBroken] = useState(false);
  if (photoUrl && !broken)
    return (
      <img
        src={photoUrl}
        alt=""
        referrerPolicy="no-referrer"
        onError={() => setBroken(true)}
        className="h-14 w-14 shrink-0 rounded-full object-cover"
      />
    );
  return (
    <div
      aria-hidden="true"
      className="flex h-14 w-14 shrink-0 items-center justify-center rounded-full bg-sky-100 text-lg font-semibold text-sky-900 dark:bg-sky-900 dark:text-sky-100"
    >
      {initials(name)}
    </div>
  );
}

/**
 * The customer card (客户管理卡), top to bottom in order of importance: who, scores with reasons,
 * how to reach them, value, tasks, purchases, preferences and tags, timeline, history of changes;
 * quick actions sit under the header so nothing needs leaving the card. Each part reads its own rows
 * through a live query, so a write anywhere (this panel, a capture, the scoring worker) shows at once.
 */
export function ContactCard({
  id,
  onBack,
  onRendered,
}: {
  id: string;
  onBack: () => void;
  onRendered?: () => void;
}) {
  const { t } = useI18n();
  const [limit, setLimit] = useState(FIRST_TIMELINE_LIMIT);
  const [now] = useState(() => Date.now());
  // A panel opened on this card started reading it before React mounted (main.tsx): show that
  // snapshot first.
  const primed = primedCard(id, limit);
  const [snapshot, setSnapshot] = useState(primed?.value);
  // One live query for the whole card: one snapshot, one render when anything of this customer
  // changes. With a primed snapshot it starts once that snapshot has painted: started at mount, it
  // read every row a second time on the way to the first paint (in the same moments as the
  // snapshot, on the same thread). It reads afresh when it starts, so nothing written meanwhile is missed.
  const [watching, setWatching] = useState(() => primed === null);
  const live = useLiveQuery(async () => {
    if (!watching) return undefined;
    performance.mark?.('keepcard:card-query-start');
    const result = await cardData(id, limit);
    performance.mark?.('keepcard:card-query-end');
    return keepPrimedIfSame(id, limit, result);
  }, [id, limit, watching]);
  useEffect(() => {
    if (watching || !primed) return;
    let current = true;
    // Also when the snapshot came between this render and this effect (a settled promise still calls back).
    primed.promise.then(
      (value) => {
        if (current) setSnapshot(value);
      },
      () => {
        if (current) setWatching(true);
      },
    );
    // A snapshot that does not come (its database waiting on an upgrade elsewhere) does not hold
    // the card: the live query reads after a second.
    const giveUp = setTimeout(() => setWatching(true), SNAPSHOT_PATIENCE_MS);
    return () => {
      current = false;
      clearTimeout(giveUp);
    };
  }, [primed, watching]);
  useEffect(() => {
    if (watching || snapshot === undefined) return;
    // After the frame that paints the snapshot (a task queued from its animation frame runs after it).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setWatching(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [watching, snapshot]);
  // What the card showed last stays while a new answer is read ("Show older", or the snapshot
  // handing over to the live query), instead of a skeleton for a moment.
  const shown = useRef<CardData | undefined>(undefined);
  const data = live ?? (snapshot && primed ? snapshot : undefined) ?? shown.current;
  shown.current = data;
  const head = data?.head;
  const score = data?.score;
  const tasks = data?.tasks;
  const purchases = data?.purchases;
  const timeline = data?.timeline;
  const history = data?.history;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const reported = useRef(false);

  const focused = useRef(false);
  useEffect(() => {
    if (head && !focused.current) {
      focused.current = true;
      headingRef.current?.focus({ preventScroll: true });
    }
  }, [head]);
  // "Rendered" once every part has its data and the frame that shows them has been drawn: a task
  // queued from that frame's animation callback runs after its style, layout and paint (what the
  // panel-open benchmark times).
  const [painted, setPainted] = useState(false);
  const complete =
    head !== undefined && [score, tasks, purchases, timeline, history].every((x) => x !== undefined);
  useLayoutEffect(() => {
    if (!complete || reported.current) return;
    reported.current = true;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        onRendered?.();
        setPainted(true);
      };
      channel.port2.postMessage(null);
    });
  }, [complete, onRendered]);

  return (
    <section className="min-h-0 flex-1 overflow-y-auto px-3 pb-6" aria-label={t('card.label')}>
      <button
        type="button"
        onClick={onBack}
        className="mt-2 mb-1 text-sm text-sky-800 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-sky-300"
      >
        ← {t('card.back')}
      </button>
      {head === undefined ? (
        <div className="mt-2" role="status" aria-label={t('card.loading')}>
          <Skeleton lines={4} />
        </div>
      ) : head === null ? (
        <div className="mt-4 rounded border border-dashed border-slate-300 p-4 text-center dark:border-slate-600">
          <p className="font-medium">{t('card.notFound')}</p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{t('card.notFoundHint')}</p>
        </div>
      ) : (
        <article aria-labelledby="card-name" data-testid="contact-card">
          <header className="flex items-start gap-3 pt-1">
            <Avatar name={head.contact.displayName} photoUrl={head.contact.photoUrl} />
            <div className="min-w-0 flex-1">
              <h2
                id="card-name"
                ref={headingRef}
                tabIndex={-1}
                className="text-lg leading-tight font-semibold focus:outline-none"
              >
                {head.contact.displayName}
              </h2>
              {head.contact.title && (
                <p className="text-sm text-slate-700 dark:text-slate-300">{head.contact.title}</p>
              )}
              {head.company && (
                <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="card-company">
                  {head.company.name}
                </p>
              )}
            </div>
          </header>
          {head.contact.lost && (
            <p
              className="mt-2 rounded bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
              data-testid="lost-banner"
            >
              {t('card.lostBanner', { reason: head.contact.lost.reason })}
            </p>
          )}
          <ScoreBadges score={score} />
          <QuickActions
            contact={head.contact}
            // The customer's own currency (their latest purchase: `purchases` is newest first) before
            // the workspace's scoring currency, which says nothing about what this customer pays in.
            defaultCurrency={purchases?.[0]?.currency ?? score?.detail.currency ?? 'CNY'}
          />
          <ContactInfo contact={head.contact} />
          <ValueSection score={score} now={now} />
          <TasksSection tasks={tasks} contact={head.contact} now={now} painted={painted} />
          <PurchasesSection purchases={purchases} />
          {/* Relationship upkeep: complaints and satisfaction, loyalty points, referrals (own live queries). */}
          {painted && (
            <Suspense fallback={null}>
              <UpkeepSections contact={head.contact} />
            </Suspense>
          )}
          <Section below id="card-preferences" title={t('card.section.preferences')}>
            {head.contact.preferences.text ||
            head.contact.preferences.tags.length ||
            head.contact.tags.length ? (
              <div className="space-y-1.5 text-sm">
                {head.contact.preferences.text && (
                  <p className="whitespace-pre-line">{head.contact.preferences.text}</p>
                )}
                {head.contact.preferences.tags.length > 0 && (
                  <p className="flex flex-wrap gap-1">
                    <span className="sr-only">{t('label.colon', { label: t('card.preferenceTags') })} </span>
                    {head.contact.preferences.tags.map((tag) => (
                      <Badge key={tag} tone="violet">
                        {tag}
                      </Badge>
                    ))}
                  </p>
                )}
                {head.contact.tags.length > 0 && (
                  <p className="flex flex-wrap gap-1" data-testid="card-tags">
                    <span className="sr-only">{t('label.colon', { label: t('card.tags') })} </span>
                    {head.contact.tags.map((tag) => (
                      <Badge key={tag} tone="slate">
                        #{tag}
                      </Badge>
                    ))}
                  </p>
                )}
              </div>
            ) : (
              <EmptyNote>{t('card.noPreferences')}</EmptyNote>
            )}
          </Section>
          <TimelineSection
            timeline={timeline}
            onMore={() => {
              setLimit(limit + FIRST_TIMELINE_LIMIT);
              setWatching(true);
            }}
          />
          <HistorySection history={history} />
        </article>
      )}
    </section>
  );
}
