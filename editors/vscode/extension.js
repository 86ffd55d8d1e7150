// A minimal VS Code extension: it starts `newslint server` with the standard language
// client for Markdown and plain-text documents. Everything else (diagnostics, quick fixes,
// source.fixAll.newslint, hover, watching config files) comes from the server.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("newslint");
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const server = {
    command: settings.get("path", "newslint"),
    args: ["server", ...settings.get("args", [])],
    transport: TransportKind.stdio, // the client adds --stdio, which the server accepts
    options: folder ? { cwd: folder.uri.fsPath } : undefined,
  };
  const documents = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
    ],
  };
  client = new LanguageClient("newslint", "newslint", server, documents);
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
