/** A synthetic compact export of about `targetBytes` (CRLF, wrapped lines, strings, `[ find … ]`). */
export function generateExport(targetBytes: number): string {
  const out: string[] = ['# 2024-03-25 05:19:33 by RouterOS 7.14.1', '# software id = KNSD-I8YY', '#'];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const block = [
      '/ip firewall filter',
      `add action=accept chain=input comment="allow wg ${i}" connection-state=established,related \\`,
      `    dst-port=${1000 + (i % 5000)} in-interface-list=!LAN protocol=udp src-address=10.${i % 250}.0.0/16`,
      '/interface wireguard peers',
      `add allowed-address=10.0.${i % 250}.2/32,fd00::${i % 9999}/128 endpoint-address=vpn${i}.example.net endpoint-port=13231 \\`,
      `    interface=wg1 persistent-keepalive=25s public-key=\\`,
      `    "tcwVmGxZk1f00BQ7gQOEiaEj96I6VzJnL5TidjTwr2k="`,
      '/interface ethernet',
      `set [ find default-name=ether${i % 8} ] comment="port \\"${i}\\"" disabled=no`,
    ];
    for (const l of block) size += l.length + 2;
    out.push(...block);
  }
  return out.join('\r\n') + '\r\n';
}
