import { API_EVENTS, API_METHODS, ApiCallError, ApiReplySchema, isApiEventName, type ApiClient, type ApiEvent, type ApiEventName, type ApiMethod, type ApiRequest, type ApiResponse } from '../../shared/api.js';

/** How a transport carries one call and delivers events; the client adds validation on top. */
export interface Transport {
  send(method: ApiMethod, params: unknown): Promise<unknown>;
  listen(listener: (event: string, data: unknown) => void): () => void;
}

/**
 * The one client of the renderer: requests are validated before they leave, replies and events
 * as they arrive, whichever transport carries them.
 */
export function validatedClient(transport: Transport): ApiClient {
  return {
    async call<M extends ApiMethod>(method: M, params: ApiRequest<M>): Promise<ApiResponse<M>> {
      const request = API_METHODS[method].req.parse(params);
      const reply = ApiReplySchema.parse(await transport.send(method, request));
      if (!reply.ok) throw new ApiCallError(reply.error.code, reply.error.message);
      return API_METHODS[method].res.parse(reply.result) as ApiResponse<M>;
    },
    on<E extends ApiEventName>(event: E, listener: (data: ApiEvent<E>) => void): () => void {
      return transport.listen((name, data) => {
        if (!isApiEventName(name) || name !== event) return;
        const parsed = API_EVENTS[event].safeParse(data);
        if (parsed.success) listener(parsed.data as ApiEvent<E>);
      });
    },
  };
}
