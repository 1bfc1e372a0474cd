import { useTranslations } from 'next-intl';
import { ActorName } from '@/components/actor-name';
import type { SessionUser } from '@/lib/access/viewer';
import type { MemberView } from '@/lib/services/threads/members';
import { AddMemberForm } from './add-member-form';

export function MembersPanel({
  threadId,
  members,
  directory,
  attribution,
}: {
  threadId: number;
  members: MemberView[];
  directory: SessionUser[];
  attribution: 'named' | 'chatham';
}) {
  const t = useTranslations('Room');
  const memberNames = new Set(members.map((m) => ('name' in m.member ? m.member.name : null)));
  const candidates = directory.filter((p) => attribution === 'chatham' || !memberNames.has(p.name));
  return (
    <section className="card stack" aria-labelledby="members-heading">
      <h2 id="members-heading" style={{ marginTop: 0 }}>
        {t('members', { count: members.length })}
      </h2>
      <ul className="list-plain small stack" data-testid="members">
        {members.map((m, i) => (
          <li key={i}>
            <ActorName actor={m.member} />
          </li>
        ))}
      </ul>
      {directory.length > 0 ? <AddMemberForm threadId={threadId} candidates={candidates} /> : null}
    </section>
  );
}
