/** Signs and verifies HS256 tokens in tests; never used outside them. */
export const testJwtSecret = 'guild-test-secret-0123456789-abcdefghijklmnop';
