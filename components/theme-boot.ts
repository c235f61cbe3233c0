// Shared by the server layout and the client theme store (no 'use client': the layout needs the
// string itself, not a client reference).

export const THEME_KEY = 'sts-topology-theme';

/** Inline script for <head>: applies the stored or system theme before first paint (no flash). */
export const THEME_BOOT_SCRIPT = `(function(){try{var t=localStorage.getItem('${THEME_KEY}');if(t!=='light'&&t!=='dark'){t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light'}document.documentElement.classList.toggle('dark',t==='dark');document.documentElement.style.colorScheme=t}catch(e){}})()`;
