'use client';

import { useTranslations } from 'next-intl';
import { FormError } from '@/components/form-field';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { EMAIL_MODES, NOTIFICATION_TYPES } from '@/lib/notifications/types';
import type { NotificationSettings } from '@/lib/services/notifications/inbox';
import { notificationSettingsAction } from '../notifications/actions';

/** The email mode (radios) and one checkbox per kind of notification. */
export function NotificationSettingsForm({ settings, emailAvailable }: { settings: NotificationSettings; emailAvailable: boolean }) {
  const t = useTranslations('Notifications');
  const { state, pending, formProps } = useFormAction(notificationSettingsAction, null);
  return (
    <form className="form stack" method="post" {...formProps}>
      <FormError message={state && !state.ok ? state.message : null} />
      {state?.ok ? (
        <p className="alert alert-ok" role="status">
          {t('saved')}
        </p>
      ) : null}
      <fieldset className="email-modes">
        <legend>{t('emailMode')}</legend>
        {!emailAvailable ? <p className="small muted">{t('emailUnavailable')}</p> : null}
        {EMAIL_MODES.map((mode) => (
          <label key={mode}>
            <input type="radio" name="email" value={mode} defaultChecked={settings.email === mode} />
            {t(`email_${mode}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="notification-types">
        <legend>{t('types')}</legend>
        {NOTIFICATION_TYPES.map((type) => (
          <label key={type}>
            <input type="checkbox" name={`type:${type}`} defaultChecked={settings.types[type]} />
            {t(`type.${type}`)}
          </label>
        ))}
      </fieldset>
      <div>
        <SubmitButton pending={pending} className="button">
          {t('save')}
        </SubmitButton>
      </div>
    </form>
  );
}
