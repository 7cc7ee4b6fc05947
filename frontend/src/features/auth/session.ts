// The signed-in session: the bearer token lives in sessionStorage (gone when the tab closes) and
// components follow it through useSyncExternalStore, so a 401 anywhere signs the whole portal out.
import { useSyncExternalStore } from "react";

const TOKEN_KEY = "seatdesk.token";
const EXPIRED_KEY = "seatdesk.expired";

type Listener = () => void;
const listeners = new Set<Listener>();

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null) {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // Storage can be unavailable (private modes); the session then lasts only as long as the page.
  }
}

let token: string | null = read(TOKEN_KEY);

function emit() {
  for (const listener of listeners) listener();
}

export function getToken(): string | null {
  return token;
}

export function signIn(newToken: string) {
  token = newToken;
  write(TOKEN_KEY, newToken);
  write(EXPIRED_KEY, null);
  emit();
}

/** Ends the session; `expired` tells the sign-in page to say why the admin is back there. */
export function signOut(reason: "user" | "expired" = "user") {
  if (token === null) return;
  token = null;
  write(TOKEN_KEY, null);
  write(EXPIRED_KEY, reason === "expired" ? "1" : null);
  emit();
}

export function sessionExpired(): boolean {
  return read(EXPIRED_KEY) === "1";
}

export function onSessionChange(listener: Listener) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useToken(): string | null {
  return useSyncExternalStore(onSessionChange, getToken, getToken);
}
