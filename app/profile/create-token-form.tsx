'use client';

import { useTranslations } from 'next-intl';
import { FormError, FormField } from '@/components/form-field';
import { useFormAction } from '@/components/use-form-action';
import { createTokenAction } from './actions';
import { SubmitButton } from '@/components/submit-button';

export function CreateTokenForm() {
  const t = useTranslations('Profile');
  const { state, pending, formProps } = useFormAction(createTokenAction, null);
  const fields = state && !state.ok ? (state.fields ?? {}) : {};
  return (
    <form className="form" method="post" {...formProps}>
      <FormError message={state && !state.ok && !state.fields ? state.message : null} />
      {state?.ok ? (
        <div className="alert alert-ok" role="status">
          <p>{t('tokenCreated', { name: state.data.name })}</p>
          <code data-testid="new-token" style={{ wordBreak: 'break-all' }}>
            {state.data.token}
          </code>
        </div>
      ) : null}
      <FormField id="token-name" label={t('tokenName')} hint={t('tokenNameHint')} error={fields.name}>
        {(props) => <input {...props} name="name" type="text" maxLength={60} required />}
      </FormField>
      <FormField id="token-expiry" label={t('tokenExpiry')} error={fields.expiresInDays}>
        {(props) => (
          <select {...props} name="expiresInDays" defaultValue="">
            <option value="">{t('tokenExpiryNever')}</option>
            {[30, 90, 365].map((days) => (
              <option key={days} value={days}>
                {t('tokenExpiryDays', { days })}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div>
        <SubmitButton pending={pending} className="button">
          {t('createToken')}
        </SubmitButton>
      </div>
    </form>
  );
}
