'use client';

import { useTranslations } from 'next-intl';
import { FormError } from '@/components/form-field';
import { useFormAction } from '@/components/use-form-action';
import type { SessionUser } from '@/lib/access/viewer';
import { addMemberAction } from '../../actions';
import { SubmitButton } from '@/components/submit-button';

export function AddMemberForm({ threadId, candidates }: { threadId: number; candidates: SessionUser[] }) {
  const t = useTranslations('Room');
  const { state, pending, formProps } = useFormAction(addMemberAction.bind(null, threadId), null);
  return (
    <form className="form" method="post" {...formProps}>
      <FormError message={state && !state.ok ? state.message : null} />
      {state?.ok ? (
        <p className="alert alert-ok small" role="status">
          {t('memberAdded')}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="userId">{t('addMember')}</label>
        <select id="userId" name="userId">
          {candidates.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.email}
              {p.state ? ` · ${p.state}` : ''})
            </option>
          ))}
        </select>
      </div>
      <div>
        <SubmitButton pending={pending} className="button button-secondary">
          {t('add')}
        </SubmitButton>
      </div>
    </form>
  );
}
