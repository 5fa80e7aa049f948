// Package nanoFramework.System.Threading 1.1.52 — declarations only.
// Read from github.com/nanoframework/nanoFramework.System.Threading @ v1.1.46+2 (056540a1, the last
//   stored snapshot; 1.1.52 is not stored — see packages.manifest.json): nanoFramework.System.Threading/
//   Threading/CancellationTokenSource.cs, Threading/CancellationToken.cs. Ships lib\System.Threading.dll.
namespace System.Threading
{
    public struct CancellationToken
    {
        public bool IsCancellationRequested { get { throw null; } }
    }

    public class CancellationTokenSource : IDisposable
    {
        public CancellationTokenSource() { throw null; }
        public CancellationTokenSource(int millisecondsDelay) { throw null; }
        public CancellationToken Token { get { throw null; } }
        public void Cancel() { throw null; }
        public void Dispose() { throw null; }
    }
}
