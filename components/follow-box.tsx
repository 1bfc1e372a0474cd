import { getLocale, getTranslations } from 'next-intl/server';
import type { Viewer } from '@/lib/access/viewer';
import { referenceNames } from '@/lib/reference/names';
import { isFollowing } from '@/lib/services/notifications/follows';
import { followAction } from '@/app/notifications/actions';
import { ActionButton } from './action-button';

/** Follow or stop following a room or an initiative; a delegate follows their state's initiatives anyway. */
export async function FollowBox({
  viewer,
  kind,
  id,
  states = [],
}: {
  viewer: Viewer;
  kind: 'thread' | 'initiative';
  id: number;
  states?: string[];
}) {
  const t = await getTranslations('Notifications');
  const following = await isFollowing(viewer, kind, id);
  const byDelegation = kind === 'initiative' && viewer.state !== null && states.includes(viewer.state);
  const room = kind === 'thread';
  const explain = following ? (room ? 'followingRoom' : 'followingInitiative') : room ? 'notFollowingRoom' : 'notFollowingInitiative';
  const stateName = byDelegation ? (await referenceNames(await getLocale())).states[viewer.state!] : '';
  // A delegate hears of their state's initiatives whatever they choose: nothing to offer.
  if (byDelegation && !following)
    return (
      <section className="card follow-box" aria-label={t('follow')}>
        <p className="small" data-testid="follows-by-delegation">
          {t('followsByDelegation', { state: stateName })}
        </p>
      </section>
    );
  return (
    <section className="card stack follow-box" aria-label={following ? t('unfollow') : t('follow')}>
      <p className="small">{t(explain)}</p>
      <ActionButton action={followAction.bind(null, kind, id, !following)} variant="secondary" testId="follow">
        {following ? t('unfollow') : t('follow')}
      </ActionButton>
    </section>
  );
}
