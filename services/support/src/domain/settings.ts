/** Who support mails go to and come from; read from config in index.ts, fixed in tests. */
export interface SupportSettings {
  /** The ops team's address: breaches and overdue ETAs go here. */
  opsEmail: string;
  /** Every expert has a mailbox under the network's domain: <expertId>@<domain>. */
  expertMailDomain: string;
  mailFrom: string;
}

export const defaultSupportSettings: SupportSettings = {
  opsEmail: 'ops@guild.local',
  expertMailDomain: 'experts.guild.local',
  mailFrom: 'Guild support <support@support.guild.local>',
};

export const expertAddressOf = (settings: SupportSettings, expertId: string) => `${expertId}@${settings.expertMailDomain}`;
