using System;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// The MQTT link's life on the device, without hardware: each attempt drops the old client and
    /// creates a new one (so the broker's name is resolved again: M2Mqtt resolves it in its
    /// constructor), connects, and on any failure — no network, DNS, CONNACK refusal, TLS, other —
    /// counts it in LinkHealth and waits an exponential backoff (1 s doubling to 60 s). Nothing
    /// escapes Maintain: it runs on the link's thread and a failure must never reach the scan,
    /// the safe state or local alarms (issue 14).
    /// </summary>
    public sealed class LinkLifecycle
    {
        public const int MinBackoffMs = 1000;
        public const int MaxBackoffMs = 60000;

        private readonly IBrokerSession _session;
        private long _nextAttemptMs;
        private int _backoffMs = MinBackoffMs;

        public LinkLifecycle(IBrokerSession session, LinkHealth health)
        {
            _session = session;
            Health = health;
        }

        public LinkHealth Health { get; private set; }

        public int BackoffMs { get { return _backoffMs; } }

        public long NextAttemptMs { get { return _nextAttemptMs; } }

        /// <summary>Connects when due; true exactly when a new session was established.</summary>
        public bool Maintain(long nowMs, bool networkUp)
        {
            if (IsUp() || nowMs < _nextAttemptMs) return false;
            Health.Attempts++;
            if (!networkUp)
            {
                Failed(nowMs, LinkFailure.NoNetwork, 0);
                return false;
            }
            bool created = false;
            try
            {
                SafeDrop();
                _session.Create();
                created = true;
                int reason = _session.Connect();
                if (reason == 0)
                {
                    Health.Connects++;
                    _backoffMs = MinBackoffMs;
                    return true;
                }
                SafeDrop();
                Failed(nowMs, LinkFailure.Refused, reason);
            }
            catch (Exception e)
            {
                SafeDrop();
                Failed(nowMs, created ? Classify(e) : LinkFailure.Dns, 0);
            }
            return false;
        }

        /// <summary>
        /// A failure after the client exists: TLS when the exception's type or message speaks of
        /// the handshake or a certificate (nanoFramework's SslStream and mbedTLS errors), else other.
        /// </summary>
        public static LinkFailure Classify(Exception e)
        {
            string text = e.GetType().FullName + " " + e.Message;
            if (Contains(text, "Ssl") || Contains(text, "TLS") || Contains(text, "Tls") || Contains(text, "ertificate") || Contains(text, "Authentication"))
            {
                return LinkFailure.Tls;
            }
            return LinkFailure.Other;
        }

        private static bool Contains(string text, string part)
        {
            return text != null && text.IndexOf(part) >= 0;
        }

        private bool IsUp()
        {
            try
            {
                return _session.IsConnected;
            }
            catch (Exception)
            {
                return false;
            }
        }

        private void SafeDrop()
        {
            try
            {
                _session.Drop();
            }
            catch (Exception)
            {
                // A client that cannot even be closed is abandoned; the next Create replaces it.
            }
        }

        private void Failed(long nowMs, LinkFailure kind, int reason)
        {
            switch (kind)
            {
                case LinkFailure.NoNetwork: Health.NoNetwork++; break;
                case LinkFailure.Dns: Health.DnsFailures++; break;
                case LinkFailure.Refused: Health.Refusals++; break;
                case LinkFailure.Tls: Health.TlsFailures++; break;
                default: Health.OtherFailures++; break;
            }
            Health.LastFailure = kind;
            Health.LastReasonCode = reason;
            Health.LastFailureMs = nowMs;
            _nextAttemptMs = nowMs + _backoffMs;
            _backoffMs = _backoffMs * 2 > MaxBackoffMs ? MaxBackoffMs : _backoffMs * 2;
        }
    }
}
