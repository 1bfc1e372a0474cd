'use client';

import { useTranslations } from 'next-intl';
import { FormError } from '@/components/form-field';
import { useFormAction } from '@/components/use-form-action';
import { createInviteAction } from './actions';
import { SubmitButton } from '@/components/submit-button';

/** One select for what the invite makes its registrant: a state's delegate, a partner's representative, or an affiliation. */
export function InviteForm({
  states,
  partners,
  affiliations,
}: {
  states: Record<string, string>;
  partners: Record<string, string>;
  affiliations: Record<string, string>;
}) {
  const t = useTranslations('Facilitation');
  const { state, pending, formProps } = useFormAction(createInviteAction, null);
  const link = state?.ok ? `${window.location.origin}/register?invite=${encodeURIComponent(state.data.code)}` : null;
  return (
    <form className="form" method="post" {...formProps}>
      <FormError message={state && !state.ok ? state.message : null} />
      {state?.ok && link ? (
        <div className="alert alert-ok" role="status">
          <p>{t('inviteCreated', { state: state.data.label })}</p>
          <code data-testid="invite-link" style={{ wordBreak: 'break-all' }}>
            {link}
          </code>
        </div>
      ) : null}
      <div className="row">
        <div className="field">
          <label htmlFor="invite-state">{t('inviteFor')}</label>
          <select id="invite-state" name="invite">
            <optgroup label={t('statesGroup')}>
              {Object.entries(states).map(([code, name]) => (
                <option key={code} value={`state:${code}`}>
                  {name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('partnersGroup')}>
              {Object.entries(partners).map(([code, name]) => (
                <option key={code} value={`partner:${code}`}>
                  +{code} {name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('affiliationsGroup')}>
              {Object.entries(affiliations).map(([code, name]) => (
                <option key={code} value={`affiliation:${code}`}>
                  {name}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <SubmitButton pending={pending} className="button" style={{ alignSelf: 'flex-end' }}>
          {t('createInvite')}
        </SubmitButton>
      </div>
    </form>
  );
}
