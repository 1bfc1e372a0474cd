'use client';

import { useTranslations } from 'next-intl';
import { FormError } from '@/components/form-field';
import { useFormAction } from '@/components/use-form-action';
import { createInviteAction } from './actions';
import { SubmitButton } from '@/components/submit-button';

export function InviteForm({ states }: { states: Record<string, string> }) {
  const t = useTranslations('Facilitation');
  const { state, pending, formProps } = useFormAction(createInviteAction, null);
  const link = state?.ok ? `${window.location.origin}/register?invite=${encodeURIComponent(state.data.code)}` : null;
  return (
    <form className="form" method="post" {...formProps}>
      <FormError message={state && !state.ok ? state.message : null} />
      {state?.ok && link ? (
        <div className="alert alert-ok" role="status">
          <p>{t('inviteCreated', { state: state.data.state })}</p>
          <code data-testid="invite-link" style={{ wordBreak: 'break-all' }}>
            {link}
          </code>
        </div>
      ) : null}
      <div className="row">
        <div className="field">
          <label htmlFor="invite-state">{t('inviteFor')}</label>
          <select id="invite-state" name="state">
            {Object.entries(states).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton pending={pending} className="button" style={{ alignSelf: 'flex-end' }}>
          {t('createInvite')}
        </SubmitButton>
      </div>
    </form>
  );
}
