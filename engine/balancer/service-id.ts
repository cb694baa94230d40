/** Typed identity of a provider + model pair in load balancing. */
export class ServiceID {
  constructor(
    /** Provider UUID or name. */
    readonly providerUuid: string,
    /** Model name. */
    readonly model: string,
  ) {}

  /** Stable key `provider/model` (a slash, unlike the deprecated `provider:model` string id). */
  toString(): string {
    return `${this.providerUuid}/${this.model}`;
  }

  /** The seed's JSON form. */
  toJSON(): { provider_uuid: string; model: string } {
    return { provider_uuid: this.providerUuid, model: this.model };
  }
}

/** Creates a ServiceID from a provider UUID (or name) and a model. */
export function newServiceID(providerUuid: string, model: string): ServiceID {
  return new ServiceID(providerUuid, model);
}
