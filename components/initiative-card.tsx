import Link from 'next/link';
import { FormatLabel, StatusBadge } from '@/components/badges';
import { StanceMark } from '@/components/stance-mark';
import type { ReferenceNames } from '@/lib/reference/names';
import type { InitiativeView } from '@/lib/services/initiatives/serialize-initiative';

/** One initiative in a list: title, status, format, (topic,) and each state's stance. */
export function InitiativeCard({
  initiative,
  names,
  showTopic = false,
  headingLevel = 3,
}: {
  initiative: InitiativeView;
  names: ReferenceNames;
  showTopic?: boolean;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li className="card" data-testid="initiative-card">
      <Heading className="card-title">
        <Link href={`/initiatives/${initiative.id}`}>{initiative.title}</Link>
      </Heading>
      <div className="row small">
        <StatusBadge status={initiative.status} provisional={initiative.provisional} />
        <FormatLabel label={initiative.label} />
        <span className="muted">{showTopic ? `· ${names.topics[initiative.topic]} ·` : '·'}</span>
        {initiative.states.map((state) => (
          <span key={state} className="row" title={names.states[state]}>
            <strong>{state}</strong>
            <StanceMark position={initiative.stances[state]!.position} compact />
          </span>
        ))}
      </div>
    </li>
  );
}
