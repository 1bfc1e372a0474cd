'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { FormError, FormField } from '@/components/form-field';
import { AFFILIATIONS, type Affiliation } from '@/lib/consensus/codes';
import { useFormAction } from '@/components/use-form-action';
import { registerAction } from './actions';
import { SubmitButton } from '@/components/submit-button';

export function RegisterForm({ inviteCode, invitedAs }: { inviteCode: string; invitedAs: Affiliation | null }) {
  const t = useTranslations('Register');
  const tc = useTranslations('Common');
  const router = useRouter();
  const credentials = useRef<{ email: string; password: string } | null>(null);
  const { state, pending, formProps } = useFormAction(registerAction, null, (form) => {
    credentials.current = { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') };
  });
  const fields = state && !state.ok ? (state.fields ?? {}) : {};

  // The same answer comes back for an email that already had an account: only signing in tells.
  const [signInFailed, setSignInFailed] = useState(false);
  useEffect(() => {
    if (state?.ok && credentials.current) {
      void signIn('credentials', { ...credentials.current, redirect: false }).then((result) => {
        if (!result || result.error) {
          setSignInFailed(true);
          return;
        }
        router.replace('/rooms');
        router.refresh();
      });
    }
  }, [state, router]);

  return (
    <form className="form" method="post" noValidate {...formProps}>
      <FormError message={state && !state.ok ? (state.code === 'invalid' ? t('fixFields') : state.message) : null} />
      {state?.ok ? (
        <p className="alert alert-ok" role="status">
          {signInFailed ? t('alreadyRegistered') : t('done')}
        </p>
      ) : null}
      <FormField id="name" label={t('name')} error={fields.name}>
        {(props) => <input {...props} name="name" type="text" autoComplete="name" required />}
      </FormField>
      <FormField id="email" label={t('email')} error={fields.email}>
        {(props) => <input {...props} name="email" type="email" autoComplete="email" required />}
      </FormField>
      <FormField id="password" label={t('password')} hint={t('passwordHint')} error={fields.password}>
        {(props) => <input {...props} name="password" type="password" autoComplete="new-password" minLength={10} required />}
      </FormField>
      <FormField
        id="affiliation"
        label={t('affiliation')}
        hint={inviteCode ? t('affiliationInviteHint') : t('affiliationHint')}
        error={fields.affiliation}
      >
        {(props) => (
          <select {...props} name="affiliation" defaultValue={invitedAs ?? (inviteCode ? 'government' : 'expert')}>
            {/* A partner registers only through a partner's invite. */}
            {AFFILIATIONS.filter((a) => a !== 'partner' || invitedAs === 'partner').map((a) => (
              <option key={a} value={a}>
                {tc(`affiliation.${a}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="organization" label={t('organization')} error={fields.organization}>
        {(props) => <input {...props} name="organization" type="text" autoComplete="organization" />}
      </FormField>
      <FormField id="inviteCode" label={t('inviteCode')} hint={t('inviteCodeHint')} error={fields.inviteCode}>
        {(props) => <input {...props} name="inviteCode" type="text" defaultValue={inviteCode} autoComplete="off" />}
      </FormField>
      <div>
        <SubmitButton pending={pending} className="button">
          {pending ? t('submitting') : t('submit')}
        </SubmitButton>
      </div>
    </form>
  );
}
