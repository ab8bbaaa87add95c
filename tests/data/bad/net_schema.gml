<?xml version="1.0" encoding="UTF-8"?>
<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs" xmlns:gml="http://www.opengis.net/gml"
    xmlns:ms="http://example.org/ms" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://example.org/ms http://127.0.0.1:@PORT@/gml_schema?SERVICE=WFS&amp;VERSION=1.0.0&amp;REQUEST=DescribeFeatureType&amp;TYPENAME=ms:ports">
  <gml:featureMember>
    <ms:ports fid="ports.1">
      <ms:name>Rasht</ms:name>
      <ms:geom><gml:Point srsName="EPSG:4326"><gml:coordinates>49.589,37.276</gml:coordinates></gml:Point></ms:geom>
    </ms:ports>
  </gml:featureMember>
</wfs:FeatureCollection>
