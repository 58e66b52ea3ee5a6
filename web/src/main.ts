// The global styles first, so that components' scoped styles come after them in the cascade.
import './styles/tokens.css';
import './styles/base.css';
import { mount } from 'svelte';
import { setDefaultLocale } from '@apoc/shared/time';
import App from './App.svelte';
import { prefetchSummit } from './features/summits/summit-prefetch';
import { formatLocale, language } from './lib/language';

// Every date, time and number on the page is written for the page's language (see lib/language.ts).
setDefaultLocale(formatLocale);
document.documentElement.lang = language;

// Before the app mounts, so that the answer is on its way while the page's frame is built.
prefetchSummit(location.pathname);

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });
