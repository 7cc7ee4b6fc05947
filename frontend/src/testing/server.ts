import { setupServer } from "msw/node";

// Each test registers the handlers it needs with server.use(...): the API is mocked at the network edge.
export const server = setupServer();
