'use client';

import { useTranslations } from 'next-intl';
import { useFormAction } from '@/components/use-form-action';
import { setDelegationAction } from './actions';
import { SubmitButton } from '@/components/submit-button';

export function DelegationForm({
  participantId,
  current,
  states,
  label,
}: {
  participantId: number;
  current: string | null;
  states: Record<string, string>;
  label: string;
}) {
  const t = useTranslations('Facilitation');
  const { state, pending, formProps } = useFormAction(setDelegationAction.bind(null, participantId), null);
  return (
    <form className="row" method="post" {...formProps}>
      <label className="visually-hidden" htmlFor={`delegation-${participantId}`}>
        {t('delegationOf', { name: label })}
      </label>
      <select id={`delegation-${participantId}`} name="state" defaultValue={current ?? ''}>
        <option value="">{t('noDelegation')}</option>
        {Object.entries(states).map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
      <SubmitButton pending={pending} className="button button-secondary">
        {t('save')}
      </SubmitButton>
      {state && !state.ok ? <span className="error">{state.message}</span> : null}
      {state?.ok ? <span className="small">✓</span> : null}
    </form>
  );
}
