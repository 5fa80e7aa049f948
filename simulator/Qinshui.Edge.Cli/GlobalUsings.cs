// UsageException lives with the desktop tools (a key file that cannot be read is a usage error too).
global using Qinshui.Edge.Desktop;
