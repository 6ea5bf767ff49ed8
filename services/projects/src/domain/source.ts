/** The `source` of every event and mail this service records. */
export const PROJECTS_SOURCE = 'projects';
