import { useMutation } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { signIn } from "../session";

export interface Credentials {
  email: string;
  password: string;
}

export function useSignIn() {
  return useMutation({
    mutationFn: ({ email, password }: Credentials) =>
      unwrap(api.POST("/api/v1/auth/token", { body: { grant_type: "password", email, password } })),
    onSuccess: (token) => signIn(token.access_token),
  });
}
