import { DriverPackageNotInstalledError } from 'typeorm';
import { MigrationError, missingDriverError } from './errors';

describe('missingDriverError', () => {
  it("turns TypeORM's missing-driver error into one line naming the package to install", () => {
    const error = missingDriverError(new DriverPackageNotInstalledError('Postgres', 'pg'));
    expect(error).toBeInstanceOf(MigrationError);
    expect(error?.message).toBe("TypeORM could not load the database driver package 'pg'; install it in the app: npm install pg");
  });

  it('reads the package from either TypeORM wording (0.3 and 1.x)', () => {
    const older = Object.assign(new Error('Mysql package has not been found installed. Try to install it: npm install mysql2 --save'), {
      name: 'DriverPackageNotInstalledError',
    });
    expect(missingDriverError(older)?.message).toContain('npm install mysql2');
  });

  it('leaves every other error alone', () => {
    expect(missingDriverError(new Error('npm install pg'))).toBeUndefined();
    expect(missingDriverError(undefined)).toBeUndefined();
  });
});
