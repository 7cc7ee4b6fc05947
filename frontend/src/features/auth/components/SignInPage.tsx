import { Alert, Anchor, Button, Center, Code, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Navigate, useSearchParams } from "react-router";
import { ApiError, errorMessage } from "../../../api/problem";
import { useSignIn } from "../api/useSignIn";
import { sessionExpired, useToken } from "../session";

/** Only same-origin paths are followed after sign-in (an open redirect would be a phishing aid). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/sign-in")) return "/billing/licenses";
  return next;
}

export function SignInPage() {
  const [params] = useSearchParams();
  const token = useToken();
  const signIn = useSignIn();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const next = safeNext(params.get("next"));

  if (token) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) found.email = "Enter your work email address.";
    if (!password) found.password = "Enter your password.";
    setErrors(found);
    if (found.email || found.password) return;
    signIn.mutate({ email: email.trim(), password });
  };

  const failure = signIn.error;
  const wrongCredentials = failure instanceof ApiError && (failure.status === 400 || failure.status === 401);

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={400} component="main">
        <form onSubmit={submit} noValidate aria-labelledby="sign-in-title">
          <Stack>
            <div>
              <Text fw={800} c="blue.8" size="sm" tt="uppercase" lts={1}>
                Seatdesk Admin Portal
              </Text>
              <Title order={1} size="h2" id="sign-in-title">
                Sign in
              </Title>
            </div>
            {sessionExpired() && !failure && (
              <Alert color="yellow" variant="light" role="status">
                Your session has expired. Sign in again to continue where you were.
              </Alert>
            )}
            {failure && (
              <Alert color="red" variant="light" role="alert">
                {wrongCredentials ? "The email or password is not correct." : errorMessage(failure)}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.email}
              required
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
              required
            />
            <Button type="submit" loading={signIn.isPending} fullWidth>
              Sign in
            </Button>
            <Text size="xs" c="dimmed">
              Demo: <Code>owner@acme.example</Code> / <Code>seatdesk-demo</Code>{" "}
              <Anchor
                component="button"
                type="button"
                size="xs"
                onClick={() => {
                  setEmail("owner@acme.example");
                  setPassword("seatdesk-demo");
                }}
              >
                fill in
              </Anchor>
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
