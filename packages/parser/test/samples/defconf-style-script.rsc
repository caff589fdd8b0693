:global action;
#-------------------------------------------------------------------------------
# Apply configuration.
# these commands are executed after installation or configuration reset
#-------------------------------------------------------------------------------
:if ($action = "apply") do={
  # wait for interfaces
  :local count 0;
  :while ([/interface ethernet find] = "") do={
    :if ($count = 30) do={
      :log warning "DefConf: Unable to find ethernet interfaces";
      /quit;
    }
    :delay 1s; :set count ($count +1);
  };
  :local macSet 0;
  :local tmpMac "";
  :foreach k in=[/interface ethernet find] do={
    # first ethernet is found; add bridge and set mac address of the ethernet port
    :if ($macSet = 0) do={
      :set tmpMac [/interface ethernet get $k mac-address];
      /interface bridge set [/interface bridge find name="bridge"] auto-mac=no admin-mac=$tmpMac;
      :set macSet 1;
    }
  }
  /ip pool add name="default-dhcp" ranges=192.168.88.10-192.168.88.254;
  /ip dhcp-server
    add name=defconf address-pool="default-dhcp" interface=bridge lease-time=10m disabled=no;
  /ip dhcp-server network
    add address=192.168.88.0/24 gateway=192.168.88.1 dns-server=192.168.88.1 comment="defconf";
  /ip dns {
      set allow-remote-requests=yes
      static add name=router.lan address=192.168.88.1 comment=defconf
  }
  /ip firewall filter add chain=input action=accept connection-state=established,related,untracked comment="defconf: accept established,related,untracked"
  /ip firewall filter add chain=forward action=drop connection-state=new connection-nat-state=!dstnat in-interface-list=WAN comment="defconf: drop all from WAN not DSTNATed"
  /ipv6 firewall address-list add list=bad_ipv6 address=::ffff:0.0.0.0/96 comment="defconf: ipv4-mapped"
  :foreach k in=[/interface find where !(slave=yes  || name~"bridge")] do={
    :local tmpPortName [/interface get $k name];
    :if (!($tmpPortName in $bMACIntf)) do={
      /interface bridge port add bridge=bridge interface=$tmpPortName comment=defconf;
    }
  }
  /system script add name=x source={ :put "hello" }
  :execute script={ :put 1 } file=out.txt
  :put "$[/system identity get name]: $($count * 2) \$notvar"
  :local arr {"a"=1;"b"={1;2};c=[:len "xyz"]}
  :put ($arr->"b"->0)
} else={
  /ip pool {
    :local o [find name="default-dhcp" ranges=192.168.88.10-192.168.88.254]
    :if ([:len $o] != 0) do={ remove $o }
  }
}
