import { useEffect, useState } from "react";
import { api } from "./api/client";

type Status = "checking" | "ok" | "down";

// The portal shell: it proves the SPA is served and reaches the API.
export function App() {
  const [status, setStatus] = useState<Status>("checking");

  useEffect(() => {
    let cancelled = false;
    api
      .GET("/readyz")
      .then(({ data }) => !cancelled && setStatus(data?.status === "ok" ? "ok" : "down"))
      .catch(() => !cancelled && setStatus("down"));
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <main>
      <h1>Seatdesk</h1>
      <p>Buy, split, assign and release Live Reports licenses.</p>
      <p role="status">API: {status}</p>
      <p>
        <a href="/api/docs/">API documentation</a>
      </p>
    </main>
  );
}
