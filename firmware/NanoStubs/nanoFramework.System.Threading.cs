// Package nanoFramework.System.Threading 1.1.52 — declarations only.
// Read from github.com/nanoframework/System.Threading:
//   nanoFramework.System.Threading/Threading/CancellationTokenSource.cs, CancellationToken.cs.
namespace System.Threading
{
    public readonly struct CancellationToken
    {
        public bool IsCancellationRequested { get { throw null; } }
    }

    public class CancellationTokenSource : IDisposable
    {
        public CancellationTokenSource(int millisecondsDelay) { throw null; }
        public CancellationToken Token { get { throw null; } }
        public void Dispose() { throw null; }
    }
}
