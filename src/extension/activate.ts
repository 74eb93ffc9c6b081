// Extension entry point: builds the controller and registers the commands.
import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Controller } from './controller';

export function activate(context: vscode.ExtensionContext): { controller: Controller } {
  const controller = new Controller(context);
  context.subscriptions.push(controller);
  registerCommands(controller);
  return { controller };
}

export function deactivate(): void {}
