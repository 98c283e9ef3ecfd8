import { createContext, useContext } from 'react';
import { createI18n, type I18n } from '../i18n';

export const I18nContext = createContext<I18n>(createI18n('en'));
export const useI18n = (): I18n => useContext(I18nContext);
